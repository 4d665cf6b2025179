/**
 * Tachi's `bms-course-lookup` collection (seeds/collections/bms-course-lookup.json at Tachi
 * 536c3c67, copied as is into bms-course-lookup.json): the BMS dan courses whose clear sets a
 * class, keyed by the MD5s of their four charts joined in order. Courses are static game data
 * that only these hooks' course routes read, so they ship with the import types.
 */
import { readFileSync } from 'node:fs';

export interface BMSCourse {
  md5sums: string;
  playtype: '7K' | '14K';
  set: string;
  title: string;
  value: string;
}

let byMD5s: Map<string, BMSCourse> | null = null;

/** The course whose joined chart MD5s are `md5sums`, or null (Tachi: bms-course-lookup.findOne). */
export function findBMSCourse(md5sums: string): BMSCourse | null {
  if (!byMD5s) {
    const courses = JSON.parse(readFileSync(new URL('./bms-course-lookup.json', import.meta.url), 'utf8')) as BMSCourse[];
    byMD5s = new Map(courses.map((c) => [c.md5sums, c]));
  }
  return byMD5s.get(md5sums) ?? null;
}

/** What a hook's course route answers itself (no import): Tachi's status, description and body. */
export interface CourseAnswer {
  kind: 'answer';
  statusCode: number;
  body: { success: boolean; description: string; body?: Record<string, unknown> };
}

/** A cleared course that sets a class: submitted as an import that provides it. */
export interface CourseClass {
  kind: 'class';
  course: BMSCourse;
}

export type CourseOutcome = CourseAnswer | CourseClass;

export const answer = (statusCode: number, description: string, body?: Record<string, unknown>): CourseAnswer => ({
  kind: 'answer',
  statusCode,
  body: statusCode < 400 ? { success: true, description, ...(body ? { body } : {}) } : { success: false, description },
});
