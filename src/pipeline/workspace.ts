/** The first stage of every run: the workspace, read once, its warnings to the reporter. */
import { loadWorkspace, type LoadOptions, type Workspace } from '../ingest/workspace.js';
import type { DocumentRun, Reporter } from './run.js';

export function loadRunWorkspace(run: Pick<DocumentRun, 'workspace' | 'displayBase'>, reporter: Pick<Reporter, 'warn' | 'step'>, more: Pick<LoadOptions, 'deferPlaces'> = {}): Promise<Workspace> {
  reporter.step('reading the inputs');
  return loadWorkspace(run.workspace, { displayBase: run.displayBase, onWarning: (w) => reporter.warn(w), ...more });
}
