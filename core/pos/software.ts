// The software that wrote a Z ticket or a receipt, printed on it (cash-register law: the
// certified version must be identifiable). Read once from package.json.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const softwareInfo = { name: 'Pass', version: pkg.version } as const;
