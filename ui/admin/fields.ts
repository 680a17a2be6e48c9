// Form fields as small template functions: a label, the control, and its error right below it
// (aria-invalid and aria-describedby tie them together for screen readers). Values are plain
// strings held by the form component; parsing (amounts, dates) happens on submit.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

export interface FieldOptions {
  /** The request key it fills (also the id and the data-testid suffix). */
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'datetime-local' | 'color' | 'number' | 'search';
  inputmode?: 'decimal' | 'numeric' | 'text' | 'email' | 'url';
  placeholder?: string;
  autocomplete?: string;
  required?: boolean;
  /** A narrow field in a .row. */
  narrow?: boolean;
  testid?: string;
  maxlength?: number;
}

export function textField(o: FieldOptions): TemplateResult {
  const id = `f-${o.name}`;
  return html`<div class="field ${o.narrow ? 'narrow' : ''}">
    <label for=${id}>${o.label}</label>
    <input
      id=${id}
      name=${o.name}
      type=${o.type ?? 'text'}
      .value=${live(o.value)}
      inputmode=${o.inputmode ?? nothing}
      placeholder=${o.placeholder ?? nothing}
      autocomplete=${o.autocomplete ?? 'off'}
      maxlength=${o.maxlength ?? nothing}
      ?required=${o.required}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${o.error ? `${id}-error` : o.hint ? `${id}-hint` : nothing}
      data-testid=${o.testid ?? `field-${o.name}`}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    />
    ${fieldMessage(id, o.error, o.hint)}
  </div>`;
}

export function textareaField(o: Omit<FieldOptions, 'type' | 'inputmode'>): TemplateResult {
  const id = `f-${o.name}`;
  return html`<div class="field">
    <label for=${id}>${o.label}</label>
    <textarea
      id=${id}
      name=${o.name}
      .value=${live(o.value)}
      placeholder=${o.placeholder ?? nothing}
      maxlength=${o.maxlength ?? nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${o.error ? `${id}-error` : nothing}
      data-testid=${o.testid ?? `field-${o.name}`}
      @input=${(e: Event) => o.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${fieldMessage(id, o.error, o.hint)}
  </div>`;
}

export function selectField(o: Omit<FieldOptions, 'type' | 'inputmode' | 'placeholder'> & { options: Array<{ value: string; label: string }> }): TemplateResult {
  const id = `f-${o.name}`;
  return html`<div class="field ${o.narrow ? 'narrow' : ''}">
    <label for=${id}>${o.label}</label>
    <select
      id=${id}
      name=${o.name}
      aria-invalid=${o.error ? 'true' : 'false'}
      data-testid=${o.testid ?? `field-${o.name}`}
      @change=${(e: Event) => o.onInput((e.target as HTMLSelectElement).value)}
    >
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${fieldMessage(id, o.error, o.hint)}
  </div>`;
}

export function checkField(o: { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void; testid?: string }): TemplateResult {
  return html`<div class="field">
    <label class="check">
      <input type="checkbox" name=${o.name} .checked=${live(o.checked)} data-testid=${o.testid ?? `field-${o.name}`} @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)} />
      ${o.label}
    </label>
  </div>`;
}

/** A colour: the browser's picker and its #rrggbb text side by side, under one label. */
export function colourField(o: Omit<FieldOptions, 'type' | 'inputmode' | 'placeholder' | 'narrow'>): TemplateResult {
  const id = `f-${o.name}`;
  const hex = /^#[0-9a-fA-F]{6}$/.test(o.value) ? o.value : '#000000';
  return html`<div class="field">
    <label for=${id}>${o.label}</label>
    <div class="colour">
      <input type="color" aria-label=${o.label} .value=${live(hex)} data-testid="${o.testid ?? `field-${o.name}`}-picker" @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)} />
      <input
        id=${id}
        name=${o.name}
        .value=${live(o.value)}
        maxlength="7"
        autocomplete="off"
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${o.error ? `${id}-error` : nothing}
        data-testid=${o.testid ?? `field-${o.name}`}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      />
    </div>
    ${fieldMessage(id, o.error, o.hint)}
  </div>`;
}

/** The form's own refusal (not tied to a field), as an alert. */
export function formAlert(message: string | undefined, testid = 'form-error'): TemplateResult | typeof nothing {
  return message ? html`<div class="alert error" role="alert" data-testid=${testid}>${message}</div>` : nothing;
}

function fieldMessage(id: string, error: string | undefined, hint: string | undefined) {
  if (error) return html`<div class="field-error" id="${id}-error" role="alert" data-testid="${id}-error">${error}</div>`;
  return hint ? html`<div class="hint" id="${id}-hint">${hint}</div>` : nothing;
}
