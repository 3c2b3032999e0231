/**
 * The webview side of the extension ↔ webview channel: `acquireVsCodeApi()` called once,
 * typed by the panel's message union (defined in src/shared/ and used by both sides).
 */
interface RawApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawApi;

export interface VsCodeApi<State, Out> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

let api: RawApi | undefined;

export function vscodeApi<State, Out>(): VsCodeApi<State, Out> {
  api ??= acquireVsCodeApi();
  const raw = api;
  return {
    postMessage: (m) => raw.postMessage(m),
    getState: () => (raw.getState() ?? undefined) as State | undefined,
    setState: (s) => raw.setState(s),
  };
}

/** Messages from the extension; anything without a string `type` is ignored. */
export function onMessage<In extends { type: string }>(handler: (message: In) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as unknown;
    if (typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string') handler(m as In);
  });
}
