export { ChartIndex, foldCase, loadBundledGameData, type GameData } from './chart-index.ts';
export { resolveChart, type ResolvedChart } from './resolve.ts';
