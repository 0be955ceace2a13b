export { Faults } from './engine.ts';
export type { FaultFiring, FaultRuleState, FaultsSnapshot, FaultValue, FaultWitness } from './engine.ts';
export { parseFaultRule } from './parse.ts';
export { FaultRuleError } from './rule.ts';
export type { FaultAction, FaultProtocol, FaultRule } from './rule.ts';
