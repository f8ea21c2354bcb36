/**
 * Folders of other people's code (dependencies checked in, vendored libraries, submodules): what their
 * files say (a copyright holder, a licence) is about that code, not about the project.
 */
export const FOREIGN_CODE = /(^|\/)(node_modules|vendor|vendored|third[-_]party|external|deps|bower_components|submodules?)\//i;
