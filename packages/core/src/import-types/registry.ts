/**
 * The one import-type registry: every import type this service accepts, one line each, under
 * Tachi's importType name. Each lives in its own folder (import-types/<family>/<name>/).
 */
import { fileBatchManual, irDirectManual } from './batch-manual/index.ts';
import { fileEamusementIIDXCSV } from './file/eamusement-iidx-csv/index.ts';
import { fileEamusementSDVXCSV } from './file/eamusement-sdvx-csv/index.ts';
import { fileMyPageScraperPlayerCSV } from './file/mypagescraper-player-csv/index.ts';
import { fileMyPageScraperRecordsCSV } from './file/mypagescraper-records-csv/index.ts';
import { filePLIIIDXCSV } from './file/pli-iidx-csv/index.ts';
import { fileSolidStateSquad } from './file/solid-state-squad/index.ts';
import { irBeatoraja } from './ir/beatoraja/index.ts';
import { irFervidexStatic } from './ir/fervidex-static/index.ts';
import { irFervidex } from './ir/fervidex/index.ts';
import { irLR2Hook } from './ir/lr2hook/index.ts';
import { irUSC } from './ir/usc/index.ts';
import { irBarbatos } from './ir/barbatos/index.ts';
import { irKsHookSV6CStatic } from './ir/kshook-sv6c-static/index.ts';
import { irKsHookSV6C } from './ir/kshook-sv6c/index.ts';
import type { ImportTypeModule } from './types.ts';

export const IMPORT_TYPES = {
  'file/batch-manual': fileBatchManual,
  'ir/direct-manual': irDirectManual,
  'file/eamusement-sdvx-csv': fileEamusementSDVXCSV,
  'file/mypagescraper-records-csv': fileMyPageScraperRecordsCSV,
  'file/mypagescraper-player-csv': fileMyPageScraperPlayerCSV,
  'file/eamusement-iidx-csv': fileEamusementIIDXCSV,
  'file/pli-iidx-csv': filePLIIIDXCSV,
  'file/solid-state-squad': fileSolidStateSquad,
  'ir/barbatos': irBarbatos,
  'ir/kshook-sv6c': irKsHookSV6C,
  'ir/kshook-sv6c-static': irKsHookSV6CStatic,
  'ir/fervidex': irFervidex,
  'ir/fervidex-static': irFervidexStatic,
  'ir/beatoraja': irBeatoraja,
  'ir/lr2hook': irLR2Hook,
  'ir/usc': irUSC,
} satisfies Record<string, { parse: unknown; convert: unknown }>;

export type ImportTypeName = keyof typeof IMPORT_TYPES;

export const IMPORT_TYPE_NAMES = Object.keys(IMPORT_TYPES) as ImportTypeName[];

/** the import types a file upload (POST /api/v1/import/file) may name */
export const FILE_IMPORT_TYPE_NAMES = IMPORT_TYPE_NAMES.filter((t) => t.startsWith('file/'));

export function isImportTypeName(value: unknown): value is ImportTypeName {
  return typeof value === 'string' && Object.hasOwn(IMPORT_TYPES, value);
}

export function importTypeModule(name: ImportTypeName): ImportTypeModule {
  return IMPORT_TYPES[name] as unknown as ImportTypeModule;
}
