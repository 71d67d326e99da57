/**
 * The shape of a CEL function implementation. A function may be callable globally (`size(x)`), as a
 * member (`x.size()`), or both; each implementation checks its own operand types and returns a
 * "no such overload" error for the others, as cel-go's dynamic dispatch does.
 */
import type { CelResult, CelValue } from './cel-values';

export interface CelFunction {
  readonly global?: (args: readonly CelValue[]) => CelResult;
  readonly member?: (target: CelValue, args: readonly CelValue[]) => CelResult;
}

export type CelFunctionTable = ReadonlyMap<string, CelFunction>;
