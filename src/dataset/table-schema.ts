/**
 * Frictionless Table Schema (v2) derived from a zod row schema, through zod's own JSON Schema
 * output, so the contract is written once. The schema describes the CSV: a nullable value is an
 * optional field (empty cell), an array is a JSON array in one cell.
 */
import { z } from 'zod';
import { columnsOf, type TableSpec } from './table-spec.ts';
import { sha256Hex } from '../files.ts';

interface JsonSchemaNode {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  description?: string;
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

export interface TableSchemaField {
  name: string;
  type: string;
  description?: string;
  constraints?: Record<string, unknown>;
}

export interface TableSchema {
  fields: TableSchemaField[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  missingValues: string[];
}

/** The empty cell is the only missing value: null is written as an empty cell. */
export const MISSING_VALUES = [''];

/** JSON Schema formats that are Table Schema types of their own (zod's z.iso.date() → `date`). */
const FORMAT_TYPES = new Set(['date', 'yearmonth']);

const JS_MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * zod 4 writes a nullable value as `anyOf: [value, {type: "null"}]`, or, for a plain type, as
 * `type: [value, "null"]`. Either way: the value's own schema, and whether null is allowed.
 */
function splitNullable(node: JsonSchemaNode): { value: JsonSchemaNode; nullable: boolean } {
  if (node.anyOf) {
    return { value: node.anyOf.find((v) => v.type !== 'null') ?? {}, nullable: node.anyOf.some((v) => v.type === 'null') };
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== 'null');
    if (types.length > 1) throw new Error(`a column of several types (${types.join(', ')}) has no Table Schema type`);
    return { value: { ...node, type: types[0] }, nullable: types.length < node.type.length };
  }
  return { value: node, nullable: false };
}

function fieldFrom(name: string, node: JsonSchemaNode): TableSchemaField {
  const { value, nullable } = splitNullable(node);
  const constraints: Record<string, unknown> = {};
  if (!nullable) constraints.required = true;
  if (value.enum) constraints.enum = value.enum;
  if (value.minimum !== undefined) constraints.minimum = value.minimum;
  if (value.exclusiveMinimum !== undefined) constraints.exclusiveMinimum = value.exclusiveMinimum;
  if (value.maximum !== undefined && value.maximum < JS_MAX_SAFE) constraints.maximum = value.maximum;
  if (value.minLength !== undefined) constraints.minLength = value.minLength;
  let type = typeof value.type === 'string' ? value.type : 'any';
  if (value.format && FORMAT_TYPES.has(value.format)) type = value.format; // the type says it all; a pattern would not apply
  else if (value.pattern) constraints.pattern = value.pattern;
  if (type === 'array') constraints.jsonSchema = { type: 'array', ...(value.items ? { items: value.items } : {}) };
  const field: TableSchemaField = { name, type };
  const description = node.description ?? value.description;
  if (description) field.description = description;
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return field;
}

export function tableSchemaOf(table: TableSpec): TableSchema {
  const json = z.toJSONSchema(table.schema, { target: 'draft-2020-12' }) as { properties: Record<string, JsonSchemaNode> };
  return {
    fields: columnsOf(table).map((name) => fieldFrom(name, json.properties[name] ?? {})),
    primaryKey: [...table.primaryKey],
    ...(table.foreignKeys?.length
      ? { foreignKeys: table.foreignKeys.map((fk) => ({ fields: [...fk.fields], reference: { resource: fk.reference.resource, fields: [...fk.reference.fields] } })) }
      : {}),
    missingValues: MISSING_VALUES,
  };
}

/** A hash of the schemas of all tables: a change means a major version (see versions). */
export function schemaFingerprint(tables: readonly TableSpec[]): string {
  const text = JSON.stringify(tables.map((t) => [t.name, tableSchemaOf(t)]));
  return sha256Hex(text);
}
