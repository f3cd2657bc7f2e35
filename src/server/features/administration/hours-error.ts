import { AppError, type FieldError } from '../../platform/errors.js';
import type { HoursProblem } from '../../../domain/admin-hours.js';

/** A problem per bad slot, named as the administrator sent it: `body.weekly.2.closes`. */
export function hoursError(problems: HoursProblem[], path: string): AppError {
  const fields: FieldError[] = problems.map((p) => ({
    field: `${path}.${p.index}.${p.field}`,
    code: p.code,
    message: p.code === 'overlap' ? 'The time overlaps another time on the same day.' : 'The closing time must be after the opening time.',
  }));
  return new AppError(400, 'validation_failed', undefined, fields);
}
