/**
 * A small DOM builder for panels that show attacker-written text (headers, TXT records,
 * user agents). Children are text nodes or elements — never HTML; attributes that could
 * carry script or load something (`on*`, `style`, `href`, `src`, `srcdoc`, `action`,
 * `formaction`, `xlink:href`) are refused, so a mistake fails loudly instead of opening
 * a hole. Styling goes through classes; dynamic sizes (delay bars) through `el.style`
 * properties, which CSP allows and which take numbers, not markup.
 */

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  tabIndex?: number;
  /** Other attributes, e.g. for @vscode-elements (`appearance`, `open`, `zebra`). */
  attrs?: Record<string, string | number | boolean | undefined>;
  dataset?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

const FORBIDDEN_ATTR = /^(on|style$|href$|src$|srcdoc$|srcset$|action$|formaction$|xlink:href$|background$|poster$|data$)/i;

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, ...c);
    else if (typeof c === 'string' || typeof c === 'number') parent.appendChild(document.createTextNode(String(c)));
    else parent.appendChild(c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement;
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement {
  if (!/^[a-z][a-z0-9-]*$/.test(tag) || tag === 'script' || tag === 'iframe' || tag === 'object' || tag === 'embed' || tag === 'style' || tag === 'link' || tag === 'a' || tag === 'form' || tag === 'base' || tag === 'meta') {
    throw new Error(`dom.h: <${tag}> is not allowed in mailsec panels`);
  }
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.id) el.id = props.id;
    if (props.title !== undefined) el.title = props.title;
    if (props.role) el.setAttribute('role', props.role);
    if (props.tabIndex !== undefined) el.tabIndex = props.tabIndex;
    for (const [k, v] of Object.entries(props.attrs ?? {})) {
      if (FORBIDDEN_ATTR.test(k)) throw new Error(`dom.h: attribute ${k} is not allowed`);
      if (v === undefined || v === false) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const [k, v] of Object.entries(props.dataset ?? {})) el.dataset[k] = v;
    for (const [k, fn] of Object.entries(props.on ?? {})) if (fn) el.addEventListener(k, fn as EventListener);
  }
  append(el, ...children);
  return el;
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** A horizontal bar of `fraction` (0–1) of its track; `negative` marks clock skew. */
export function bar(fraction: number, negative = false, label?: string): HTMLElement {
  const fill = h('span', { class: `bar-fill${negative ? ' bar-negative' : ''}` });
  fill.style.width = `${Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * 100}%`;
  return h('span', { class: 'bar', role: 'img', title: label ?? '', attrs: { 'aria-label': label ?? '' } }, fill);
}

/** A codicon (`<vscode-icon name="…">`). */
export function icon(name: string, label?: string): HTMLElement {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`dom.icon: bad name ${name}`);
  return h('vscode-icon', { attrs: { name, label, 'aria-hidden': label ? undefined : 'true' } });
}

/**
 * Makes invisible or deceptive characters visible in text taken from a message or DNS
 * answer: controls, NUL, bidi overrides, zero-width characters become ⟨U+XXXX⟩.
 */
export function visibleText(s: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
