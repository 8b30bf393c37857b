/**
 * The values a page put into its own address (a search typed into the field), until the page has
 * rendered them. React Router renders each navigation as a transition, so on a busy device an
 * earlier one can render after a later one was asked for: that render is still the page's own,
 * not the address changed by other means (Back, a link), and must not put its older value back
 * into the field (the home search lost " ti" of "ban sao trich luc ho tich" so, in a journey).
 */
export class OwnAddress {
  private pending: string[];

  constructor(initial: string) {
    this.pending = [initial];
  }

  /** Before navigating to `value`. */
  asked(value: string): void {
    this.pending.push(value);
  }

  /**
   * The page rendered `value`: true when it asked for it (the values asked before it are then
   * done), false when the address changed by other means (what was asked is then forgotten).
   */
  isOwn(value: string): boolean {
    const at = this.pending.lastIndexOf(value);
    if (at < 0) {
      this.pending = [value];
      return false;
    }
    this.pending = this.pending.slice(at);
    return true;
  }
}
