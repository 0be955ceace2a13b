// The package's root directory (package.json, ui/dist/). This file sits one level below it both as
// source (server/) and compiled (dist/, where the bundler may inline it into any top-level chunk).
export const PACKAGE_ROOT = new URL('../', import.meta.url);
