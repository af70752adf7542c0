import { buildWorkspaceInTemp } from '../../support/vite-build.js';

/** The console's production build into a temporary folder (the working tree's console/dist is left alone). */
export const buildConsole = () => buildWorkspaceInTemp('console');
