// Types of fixture-overlays.js, which the build (plain JavaScript) shares with the tests.
export const OVERLAYS: string;
export const OVERLAY_MANIFEST: string;
export const NOT_REPOSITORIES: string[];
export class OverlayError extends Error {}
export interface Overlay {
  name: string;
  base: string;
  remove: string[];
  files: string[];
}
export function fixtureRepositories(fixtures: string): string[];
export function overlayNames(fixtures: string): string[];
export function listFiles(folder: string): string[];
export function readOverlay(fixtures: string, name: string): Overlay;
export function materialise(fixtures: string, overlay: Overlay, destination: string): void;
