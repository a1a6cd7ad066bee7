import { parquetWriteBuffer } from 'hyparquet-writer';
import { FEATURES, type DatasetRecord, type Feature } from './dataset-schema.js';

/**
 * The records as one Parquet file (in memory), with an explicit schema: strings as UTF8 byte
 * arrays, whole numbers as INT64, the rest as DOUBLE, booleans, and lists of strings as the
 * standard three-level LIST, so Arrow, DuckDB, pandas and `datasets` read the types as meant.
 */
export function datasetParquet(records: readonly DatasetRecord[], metadata: Record<string, string> = {}): Uint8Array {
  const columnData = FEATURES.map((feature) => ({ name: feature.name, data: records.map((r, i) => cell(feature, r[feature.name], i)) }));
  const buffer = parquetWriteBuffer({
    columnData,
    schema: [{ name: 'root', num_children: FEATURES.length }, ...FEATURES.flatMap(schemaElements)],
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'wedge',
  });
  return new Uint8Array(buffer);
}

type Element = Parameters<typeof parquetWriteBuffer>[0]['schema'] extends (infer E)[] | undefined ? E : never;

function schemaElements(feature: Feature): Element[] {
  const repetition_type = feature.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (feature.type) {
    case 'string':
      return [{ name: feature.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }];
    case 'int64':
      return [{ name: feature.name, type: 'INT64', repetition_type }];
    case 'float64':
      return [{ name: feature.name, type: 'DOUBLE', repetition_type }];
    case 'bool':
      return [{ name: feature.name, type: 'BOOLEAN', repetition_type }];
    case 'string-list':
      return [
        { name: feature.name, converted_type: 'LIST', repetition_type, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      ];
  }
}

/** One value checked against its feature; a mismatch is a bug in the record builder, named. */
function cell(feature: Feature, value: unknown, row: number): unknown {
  const where = `dataset row ${row}, feature "${feature.name}"`;
  if (value === null || value === undefined) {
    if (!feature.nullable) throw new Error(`${where}: is required but missing`);
    return null;
  }
  switch (feature.type) {
    case 'string':
      if (typeof value !== 'string') throw new Error(`${where}: must be a string`);
      return value;
    case 'int64':
      // INT64 columns take bigints; a fraction or an unsafe integer would not round-trip.
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${where}: must be a whole number, got ${String(value)}`);
      return BigInt(value);
    case 'float64':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: must be a finite number, got ${String(value)}`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new Error(`${where}: must be a boolean`);
      return value;
    case 'string-list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${where}: must be a list of strings`);
      return value;
  }
}
