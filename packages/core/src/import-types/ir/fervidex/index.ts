/** `ir/fervidex`: fervidex's score submissions (and its class submissions, as classes-only imports). */
import type { ImportTypeModule } from '../../types.ts';
import { convertFervidex } from './convert.ts';
import { parseFervidex, type FervidexContext, type FervidexScore } from './parse.ts';

export const irFervidex: ImportTypeModule<FervidexScore, FervidexContext> = {
  parse: parseFervidex,
  convert: convertFervidex,
};

export { readFervidexClass, softwareIDToVersion, type FervidexClassSubmission } from './parse.ts';
