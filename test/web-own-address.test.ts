import { describe, expect, it } from 'vitest';
import { OwnAddress } from '../src/web/ui/own-address.ts';

describe('the values a page put into its own address (ui/own-address.ts)', () => {
  it('takes an earlier search of its own that renders after a later one was asked for as its own', () => {
    // The home search: "ban sao trich luc ho" asked (the debounce fired while typing), then
    // "ban sao trich luc ho tich"; the first renders late. It must not go back into the field.
    const own = new OwnAddress('');
    own.asked('ban sao trich luc ho');
    own.asked('ban sao trich luc ho tich');
    expect(own.isOwn('')).toBe(true); // a render before either
    expect(own.isOwn('ban sao trich luc ho')).toBe(true);
    expect(own.isOwn('ban sao trich luc ho tich')).toBe(true);
    expect(own.isOwn('ban sao trich luc ho tich')).toBe(true); // rendered again
  });

  it('tells a change by other means (Back, a link) apart, and forgets what it had asked then', () => {
    const own = new OwnAddress('khai sinh');
    own.asked('khai tu');
    expect(own.isOwn('khai tu')).toBe(true);
    expect(own.isOwn('khai sinh')).toBe(false); // Back: already rendered past it
    expect(own.isOwn('khai sinh')).toBe(true);
    own.asked('ket hon');
    expect(own.isOwn('ly hon')).toBe(false); // a link elsewhere before the search showed
    expect(own.isOwn('ket hon')).toBe(false);
  });
});
