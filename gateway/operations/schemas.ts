// Input fields shared by several operations.
import { z } from 'zod';
import { CONFIG_NAME_PATTERN } from '../../core/model-ref.ts';

export const ProjectParam = z.string().min(1).max(64).describe('Project slug or id');

export const ConfigName = z
  .string()
  .regex(CONFIG_NAME_PATTERN, 'must be 1-63 lower-case letters, digits, "-" or "_", starting with a letter or digit')
  .describe('Config name, addressed as "@name" in the model field');

export const VersionParam = z.coerce.number().int().positive().describe('Version number');

export const Uuid = z.uuid();

export const Timestamp = z.string().describe('ISO 8601 timestamp');

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
