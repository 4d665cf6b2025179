/** `ir/barbatos`: the SDVX V / VI hook's scores (POST /ir/barbatos/score/submit, Kamaitachi). */
import type { ImportTypeModule } from '../../types.ts';
import { convertBarbatos } from './convert.ts';
import { parseBarbatos, type BarbatosContext, type BarbatosScore, type BarbatosSDVX6Score } from './parse.ts';

export const irBarbatos: ImportTypeModule<BarbatosScore | BarbatosSDVX6Score, BarbatosContext> = {
  parse: parseBarbatos,
  convert: convertBarbatos,
};
