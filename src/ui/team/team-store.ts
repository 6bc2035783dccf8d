import { create } from 'zustand';
import { serializeDocument, type PipelineDocument } from '../../core';
import { teamClient, type Me } from './team-client';

/** Where the open document came from on the team server: the version it was opened from or last saved as. */
export interface ServerOrigin {
  projectId: string;
  name: string;
  number: number;
  /** The document as it was then, to tell whether the canvas has changed since. */
  text: string;
}

interface TeamState {
  /** Whether a Jimu team server serves this app (one probe at start; a static server says no). */
  available: boolean;
  me: Me | null;
  /** Whether the dialog is open. */
  open: boolean;
  projectId: string | null;
  origin: ServerOrigin | null;
  setOpen(open: boolean): void;
}

const ORIGIN_KEY = 'jimu.team-origin';

/** The origin outlives a reload, as the document does (the browser keeps both). */
function storedOrigin(): ServerOrigin | null {
  try {
    const o = JSON.parse(globalThis.localStorage?.getItem(ORIGIN_KEY) ?? 'null') as ServerOrigin | null;
    return o && typeof o.projectId === 'string' && typeof o.name === 'string' && typeof o.number === 'number' && typeof o.text === 'string' ? o : null;
  } catch {
    return null;
  }
}

export const useTeam = create<TeamState>()((set) => ({
  available: false,
  me: null,
  open: false,
  projectId: null,
  origin: storedOrigin(),
  setOpen: (open) => set({ open }),
}));

useTeam.subscribe((s, before) => {
  if (s.origin === before.origin) return;
  try {
    if (s.origin) globalThis.localStorage?.setItem(ORIGIN_KEY, JSON.stringify(s.origin));
    else globalThis.localStorage?.removeItem(ORIGIN_KEY);
  } catch {
    // A browser that keeps nothing: the origin lasts until the page is closed.
  }
});

/** The app's one client: same origin, the browser keeps the session cookie. */
export const team = teamClient();

let probed: Promise<void> | null = null;
/** Asks once whether a team server serves the app; nothing else is requested when none does. */
export function probeTeamServer(): Promise<void> {
  probed ??= team.probe().then((available) => useTeam.setState({ available }));
  return probed;
}

/** The text a document is compared by: what a version holds, canvas positions included. */
export const documentText = (doc: PipelineDocument): string => serializeDocument(doc);

/** Remembers that the open document is `number` of `name` in the project, as it is now. */
export function rememberOrigin(projectId: string, name: string, number: number, doc: PipelineDocument): void {
  useTeam.setState({ origin: { projectId, name, number, text: documentText(doc) } });
}

/** Another document took the canvas (a file, a template, a run): it came from no server version. */
export function forgetOrigin(): void {
  if (useTeam.getState().origin) useTeam.setState({ origin: null });
}

/**
 * Whether opening something else would drop work not on the server: the canvas differs from the version it
 * came from, or (not from the server) holds blocks at all.
 */
export function hasUnsavedWork(doc: PipelineDocument, origin: ServerOrigin | null): boolean {
  return origin ? documentText(doc) !== origin.text : doc.blocks.length > 0;
}
