import type { HealthInfo } from '../../server/types.ts';

export function App() {
  const placeholder: HealthInfo['status'] = 'ok';
  return <main>mailsandbox: {placeholder}</main>;
}
