import type { Choice } from '../../../../shared/checklists';

/**
 * A checklist's start form, made from the JSON Schema main gives for its
 * inputs (the same zod schema main checks them with) and the choices it read
 * from SCM. Each property becomes one control; a list of records (the
 * notifications) becomes a table of rows with the same controls.
 */

type JsonSchema = Record<string, unknown>;

export type Widget = 'text' | 'number' | 'select' | 'checkboxes' | 'list' | 'records';

export interface FormField {
  name: string;
  widget: Widget;
  required: boolean;
  /** Whether the value is a number (an id chosen from a list, a count of days). */
  numeric: boolean;
  choices: Choice[];
  maxLength?: number;
  /** The fields of each record, for `records`. */
  fields: FormField[];
}

export type FormValue = string | string[] | FormRecord[];
export type FormRecord = Record<string, string | string[]>;
export type FormValues = Record<string, FormValue>;

function asSchema(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null ? (value as JsonSchema) : {};
}

function enumChoices(schema: JsonSchema): Choice[] {
  return Array.isArray(schema.enum) ? schema.enum.filter((value): value is string | number => typeof value === 'string' || typeof value === 'number').map((value) => ({ value, label: String(value) })) : [];
}

/** The controls for an object schema's properties, in the schema's order. */
export function fieldsOf(schema: unknown, choices: Record<string, Choice[]>): FormField[] {
  const object = asSchema(schema);
  const properties = asSchema(object.properties);
  const required = new Set(Array.isArray(object.required) ? object.required.filter((name): name is string => typeof name === 'string') : []);
  return Object.entries(properties).map(([name, raw]) => {
    const property = asSchema(raw);
    const offered = choices[name] ?? [];
    const base = { name, required: required.has(name), fields: [] as FormField[], ...(typeof property.maxLength === 'number' ? { maxLength: property.maxLength } : {}) };
    if (property.type === 'array') {
      const items = asSchema(property.items);
      if (items.type === 'object') return { ...base, widget: 'records', numeric: false, choices: [], fields: fieldsOf(items, choices) };
      const listed = offered.length > 0 ? offered : enumChoices(items);
      if (listed.length > 0) return { ...base, widget: 'checkboxes', numeric: items.type === 'integer' || items.type === 'number', choices: listed };
      return { ...base, widget: 'list', numeric: false, choices: [] };
    }
    const numeric = property.type === 'integer' || property.type === 'number';
    const listed = offered.length > 0 ? offered : enumChoices(property);
    if (listed.length > 0 || (numeric && name.endsWith('Id'))) return { ...base, widget: 'select', numeric, choices: listed };
    return { ...base, widget: numeric ? 'number' : 'text', numeric, choices: [] };
  });
}

/** A field's empty value. */
function emptyOf(field: FormField): FormValue {
  if (field.widget === 'checkboxes') return [];
  if (field.widget === 'records') return [];
  return '';
}

/** Values main proposed (or a run kept) as the form holds them: text in text boxes, lists of picks. */
export function formValuesOf(fields: FormField[], values: Record<string, unknown>): FormValues {
  const result: FormValues = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null) result[field.name] = emptyOf(field);
    else if (field.widget === 'records') result[field.name] = Array.isArray(value) ? value.map((record) => formValuesOf(field.fields, asSchema(record)) as FormRecord) : [];
    else if (field.widget === 'checkboxes') result[field.name] = Array.isArray(value) ? value.map(String) : [];
    else if (field.widget === 'list') result[field.name] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    else result[field.name] = String(value);
  }
  return result;
}

/** A new record of a records field, with nothing chosen. */
export function emptyRecord(field: FormField): FormRecord {
  return Object.fromEntries(field.fields.map((inner) => [inner.name, emptyOf(inner) as string | string[]]));
}

function numberOf(text: string): number {
  // Only plain digits are a number here: "1e3" or " 0x10" are not days.
  return /^-?\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The form's values as the checklist's inputs: numbers for numbers, lists
 * split at commas, and what was left empty and is optional left out, so the
 * schema's own checks word every problem.
 */
export function inputsOf(fields: FormField[], values: FormValues | FormRecord): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    switch (field.widget) {
      case 'records':
        inputs[field.name] = Array.isArray(value) ? (value as FormRecord[]).map((record) => inputsOf(field.fields, record)) : [];
        break;
      case 'checkboxes': {
        const picked = Array.isArray(value) ? (value as string[]) : [];
        inputs[field.name] = field.numeric ? picked.map(numberOf) : picked;
        break;
      }
      case 'list': {
        const text = typeof value === 'string' ? value : '';
        inputs[field.name] = text
          .split(/[,;\s]+/)
          .map((item) => item.trim())
          .filter((item) => item !== '');
        break;
      }
      default: {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text === '') {
          // A required field left empty is sent empty, so its problem is "needed", not "missing".
          if (field.required) inputs[field.name] = field.numeric ? undefined : text;
          break;
        }
        inputs[field.name] = field.numeric ? numberOf(text) : field.widget === 'text' ? value : text;
      }
    }
  }
  return inputs;
}
