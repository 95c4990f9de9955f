// A small JSON Schema validator for accept checks: the subset structured outputs use (type, enum,
// const, properties, required, additionalProperties, items, min/max bounds, pattern, anyOf /
// oneOf / allOf, local $ref into $defs / definitions). Pure, so it runs inside workflows. A
// schema with a keyword outside the subset fails to compile, so a config that could not be
// checked is refused when it is saved rather than half-checked at request time.

export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface SchemaProblem {
  /** JSON pointer into the schema ("" is the root). */
  schemaPath: string;
  message: string;
}

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

/** Keywords that only describe (ignored when validating). */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'format', 'deprecated', 'readOnly', 'writeOnly', '$defs', 'definitions', 'strict', 'name']);
const CHECKS = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'anyOf', 'oneOf', 'allOf', '$ref',
]);

/** Problems that stop the schema from being checkable (unknown keywords, bad refs, bad patterns). */
export function compileProblems(schema: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(schema, '', schema, problems);
  return problems;
}

function walk(node: unknown, at: string, root: unknown, problems: SchemaProblem[]): void {
  if (typeof node === 'boolean') return;
  if (!isObject(node)) {
    problems.push({ schemaPath: at, message: 'a schema must be an object or a boolean' });
    return;
  }
  for (const [keyword, value] of Object.entries(node)) {
    const here = `${at}/${keyword}`;
    if (ANNOTATIONS.has(keyword)) {
      if ((keyword === '$defs' || keyword === 'definitions') && isObject(value)) {
        for (const [name, sub] of Object.entries(value)) walk(sub, `${here}/${name}`, root, problems);
      }
      continue;
    }
    if (!CHECKS.has(keyword)) {
      problems.push({ schemaPath: here, message: `unsupported JSON Schema keyword "${keyword}"` });
      continue;
    }
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(value) ? value : [value];
        if (types.length === 0 || !types.every((t) => (TYPES as readonly unknown[]).includes(t))) problems.push({ schemaPath: here, message: `type must be one of ${TYPES.join(', ')}` });
        break;
      }
      case 'properties':
        if (!isObject(value)) problems.push({ schemaPath: here, message: 'properties must be an object' });
        else for (const [name, sub] of Object.entries(value)) walk(sub, `${here}/${name}`, root, problems);
        break;
      case 'additionalProperties':
      case 'items':
        walk(value, here, root, problems);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        if (!Array.isArray(value) || value.length === 0) problems.push({ schemaPath: here, message: `${keyword} must be a non-empty array of schemas` });
        else value.forEach((sub, i) => walk(sub, `${here}/${i}`, root, problems));
        break;
      case 'required':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) problems.push({ schemaPath: here, message: 'required must be an array of property names' });
        break;
      case 'enum':
        if (!Array.isArray(value)) problems.push({ schemaPath: here, message: 'enum must be an array' });
        break;
      case 'pattern':
        if (typeof value !== 'string' || !validPattern(value)) problems.push({ schemaPath: here, message: 'pattern must be a valid regular expression' });
        break;
      case '$ref':
        if (typeof value !== 'string' || resolveRef(root, value) === undefined) problems.push({ schemaPath: here, message: `cannot resolve $ref ${JSON.stringify(value)} (only local #/$defs/… and #/definitions/… refs)` });
        break;
      case 'const':
        break;
      default:
        if (typeof value !== 'number') problems.push({ schemaPath: here, message: `${keyword} must be a number` });
    }
  }
}

/** Validates a value; returns the first few problems, each with the JSON pointer of the value. */
export function validateJson(schema: JsonSchema, value: unknown, root: unknown = schema, at = '', depth = 0): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at || '/'}: no value is allowed here`];
  if (depth > 64) return [`${at}: schema nesting too deep`];
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${at || '/'}: ${message}`);
  const s = schema;
  if (typeof s['$ref'] === 'string') {
    const target = resolveRef(root, s['$ref']);
    if (target === undefined) fail(`unresolvable $ref ${s['$ref']}`);
    else errors.push(...validateJson(target as JsonSchema, value, root, at, depth + 1));
  }
  if (s['type'] !== undefined) {
    const types = (Array.isArray(s['type']) ? s['type'] : [s['type']]) as string[];
    if (!types.some((t) => hasType(value, t))) fail(`expected ${types.join(' or ')}, got ${typeName(value)}`);
  }
  if (Array.isArray(s['enum']) && !s['enum'].some((option) => deepEqual(option, value))) fail(`must be one of ${JSON.stringify(s['enum'])}`);
  if ('const' in s && !deepEqual(s['const'], value)) fail(`must equal ${JSON.stringify(s['const'])}`);
  if (typeof value === 'string') {
    if (typeof s['minLength'] === 'number' && [...value].length < s['minLength']) fail(`shorter than ${s['minLength']} characters`);
    if (typeof s['maxLength'] === 'number' && [...value].length > s['maxLength']) fail(`longer than ${s['maxLength']} characters`);
    if (typeof s['pattern'] === 'string' && validPattern(s['pattern']) && !new RegExp(s['pattern'], 'u').test(value)) fail(`does not match ${s['pattern']}`);
  }
  if (typeof value === 'number') {
    if (typeof s['minimum'] === 'number' && value < s['minimum']) fail(`less than ${s['minimum']}`);
    if (typeof s['maximum'] === 'number' && value > s['maximum']) fail(`greater than ${s['maximum']}`);
    if (typeof s['exclusiveMinimum'] === 'number' && value <= s['exclusiveMinimum']) fail(`not greater than ${s['exclusiveMinimum']}`);
    if (typeof s['exclusiveMaximum'] === 'number' && value >= s['exclusiveMaximum']) fail(`not less than ${s['exclusiveMaximum']}`);
  }
  if (Array.isArray(value)) {
    if (typeof s['minItems'] === 'number' && value.length < s['minItems']) fail(`fewer than ${s['minItems']} items`);
    if (typeof s['maxItems'] === 'number' && value.length > s['maxItems']) fail(`more than ${s['maxItems']} items`);
    if (s['items'] !== undefined) value.forEach((item, i) => errors.push(...validateJson(s['items'] as JsonSchema, item, root, `${at}/${i}`, depth + 1)));
  }
  if (isObject(value)) {
    const properties = isObject(s['properties']) ? s['properties'] : {};
    if (Array.isArray(s['required'])) for (const name of s['required'] as string[]) if (!(name in value)) fail(`missing required property "${name}"`);
    for (const [name, item] of Object.entries(value)) {
      if (name in properties) errors.push(...validateJson(properties[name] as JsonSchema, item, root, `${at}/${name}`, depth + 1));
      else if (s['additionalProperties'] !== undefined) errors.push(...validateJson(s['additionalProperties'] as JsonSchema, item, root, `${at}/${name}`, depth + 1));
    }
  }
  if (Array.isArray(s['allOf'])) for (const sub of s['allOf']) errors.push(...validateJson(sub as JsonSchema, value, root, at, depth + 1));
  if (Array.isArray(s['anyOf']) && !s['anyOf'].some((sub) => validateJson(sub as JsonSchema, value, root, at, depth + 1).length === 0)) fail('matches none of anyOf');
  if (Array.isArray(s['oneOf']) && s['oneOf'].filter((sub) => validateJson(sub as JsonSchema, value, root, at, depth + 1).length === 0).length !== 1) fail('does not match exactly one of oneOf');
  return errors.slice(0, 5);
}

function resolveRef(root: unknown, ref: string): unknown {
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (!match || !isObject(root)) return ref === '#' ? root : undefined;
  const defs = root[match[1]!];
  return isObject(defs) ? defs[match[2]!.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}
