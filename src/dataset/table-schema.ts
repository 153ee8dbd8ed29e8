/**
 * Frictionless Table Schema derived from a zod row schema, through zod's own JSON Schema output,
 * so the contract is written once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LIST_DELIMITER } from './csv.ts';
import { columnsOf, type TableSpec } from './table-spec.ts';

interface JsonSchemaNode {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
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
  format?: string;
  itemType?: string;
  delimiter?: string;
  constraints?: Record<string, unknown>;
}

const JS_MAX_SAFE = Number.MAX_SAFE_INTEGER;

function fieldFrom(name: string, node: JsonSchemaNode): TableSchemaField {
  const variants = node.anyOf ?? [node];
  const nullable = variants.some((v) => v.type === 'null');
  const value = variants.find((v) => v.type !== 'null') ?? {};
  const constraints: Record<string, unknown> = {};
  if (!nullable) constraints.required = true;
  if (value.enum) constraints.enum = value.enum;
  if (value.minimum !== undefined) constraints.minimum = value.minimum;
  if (value.maximum !== undefined && value.maximum < JS_MAX_SAFE) constraints.maximum = value.maximum;
  if (value.minLength !== undefined) constraints.minLength = value.minLength;
  let type = value.type ?? 'any';
  const field: TableSchemaField = { name, type };
  if (value.format === 'date') type = 'date';
  else if (value.pattern) constraints.pattern = value.pattern;
  if (type === 'array') {
    field.itemType = value.items?.type ?? 'string';
    field.delimiter = LIST_DELIMITER;
    type = 'list';
  }
  field.type = type;
  const description = node.description ?? value.description;
  if (description) field.description = description;
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return field;
}

export function tableSchemaOf(table: TableSpec) {
  const json = z.toJSONSchema(table.schema, { target: 'draft-2020-12' }) as { properties: Record<string, JsonSchemaNode> };
  return {
    fields: columnsOf(table).map((name) => fieldFrom(name, json.properties[name] ?? {})),
    primaryKey: [...table.primaryKey],
    missingValues: [''],
  };
}

/** A hash of the schemas of all tables: a change means a major version (see versions). */
export function schemaFingerprint(tables: readonly TableSpec[]): string {
  const text = JSON.stringify(tables.map((t) => [t.name, tableSchemaOf(t)]));
  return createHash('sha256').update(text).digest('hex');
}
