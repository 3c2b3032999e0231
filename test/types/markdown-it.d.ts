// markdown-it (a dependency of @vscode/vsce, used by tests as a reference CommonMark
// renderer) ships no types; this is the part the tests use.
declare module 'markdown-it' {
  interface LinkifyIt {
    set(options: { fuzzyLink?: boolean; fuzzyEmail?: boolean; fuzzyIP?: boolean }): LinkifyIt;
  }
  class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean });
    readonly linkify: LinkifyIt;
    render(src: string): string;
    renderInline(src: string): string;
  }
  export default MarkdownIt;
}
