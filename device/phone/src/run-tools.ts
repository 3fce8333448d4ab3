/**
 * The app's heavy half, loaded on first need through {@link runTools}: the
 * FIT SDK (reading and writing activity files, with its message profile of
 * some 400 KB), the GPX/TCX parser and uPlot. The live screen needs none of
 * them until Stop; the replay screen, once a file is opened. esbuild splits
 * this module and what only it imports into chunks beside app.js
 * (device/phone/build.mjs), which the service worker caches like every file.
 */
export { decodeRecording } from '../../../src/track/recording.ts';
export { unpack } from '../../../src/unpack/unpack.ts';
export { drawRunCharts } from './replay/charts.ts';
export { exportedFit, judgeSession } from './live/judge.ts';
