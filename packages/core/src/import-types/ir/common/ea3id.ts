/**
 * EA3 software IDs (`LDJ:J:B:A:2020092900`: model, dest, spec, rev, ext), which Konami's arcade
 * hooks send as X-Software-Model: Tachi's utils/ea3id.ts and lib/constants/ea3id.ts.
 */

export const MODEL_INFINITAS_2 = 'P2D';
export const MODEL_IIDX = 'LDJ';
export const MODEL_IIDX_LIGHTNING = 'TDJ';
export const MODEL_SDVX3_KONASTE = 'QCV';

export const REV_2DXTRA = 'E';
export const REV_2DXBMS = 'Z';
export const REV_OMNIMIX = 'X';
export const REV_NORMAL = 'A';

export const EXT_CANNON_BALLERS = '2018091900';
export const EXT_ROOTAGE = ['2019090200', '2019100700'];
export const EXT_HEROIC_VERSE = '2020092900';
export const EXT_BISTROVER = '2021091500';
export const EXT_CASTHOUR = '2022082400';
export const EXT_RESIDENT = ['2022103100', '2022120800', '2023022000', '2023040400', '2023090500'];
export const EXT_EPOLIS = ['2023101800', '2023103000', '2023121800', '2024021300', '2024082600'];
export const EXT_PINKYCRUSH = ['2025011400', '2025032500', '2025041500', '2025072900', '2025082500'];

export interface EA3SoftID {
  model: string;
  /** region */
  dest: string;
  spec: string;
  rev: string;
  ext: string;
}

/** Tachi's ParseEA3SoftID: throws on anything but `AAA:A:A:A:0000000000`. */
export function parseEA3SoftID(ver: string): EA3SoftID {
  const parts = ver.split(':');
  if (parts.length !== 5) throw new Error(`Invalid Version Code. Had ${parts.length} components.`);
  if (!/^[A-Z0-9]{3}:[A-Z]:[A-Z]:[A-Z]:[0-9]{10}$/u.test(ver)) throw new Error('Invalid Version Code.');
  const [model, dest, spec, rev, ext] = parts;
  return { model, dest, spec, rev, ext };
}
