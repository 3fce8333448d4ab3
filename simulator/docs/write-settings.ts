/**
 * `npm run docs:settings`: writes the settings table into docs/design.md,
 * between its markers, from the one declaration of each setting. Run from
 * the repository's root (npm does). A test (tests/settings/settings.test.ts)
 * fails when the committed table differs from what this would write.
 */
import { writeDocBlock } from '../bench/write-doc.ts';
import { SETTINGS_DOC, settingsDocBody } from './settings-table.ts';

await writeDocBlock(SETTINGS_DOC.path, SETTINGS_DOC.block, SETTINGS_DOC.command, settingsDocBody());
console.log(`paceguard: wrote the settings table into ${SETTINGS_DOC.path}`);
