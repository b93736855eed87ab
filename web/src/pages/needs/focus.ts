/**
 * After the service refused a form, the first field it named gets the focus, so that a person far
 * down a long list on a phone lands on what to fix (and a screen reader reads its error).
 */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  // The errors render on the next frame.
  requestAnimationFrame(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.matches('input, textarea, select')
      ? invalid
      : (invalid?.querySelector<HTMLElement>('input:checked') ?? invalid?.querySelector<HTMLElement>('input'));
    target?.focus();
  });
}
