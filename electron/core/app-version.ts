// The app version, read once from package.json at build time by the bundler or at run time by Node.
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
