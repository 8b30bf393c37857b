import { describe, expect, it } from 'vitest';
import { serverProblems } from '../src/web/modules/admin/procedure-problems.ts';
import { ApiError } from '../src/web/ui/http.ts';
import { systemPerFile, type TestSystem } from './system.ts';

/** The procedure editor's reading of the publish route's problems, against the real route (src/web is not in the unit run). */

let sys: TestSystem;
systemPerFile((s) => {
  sys = s;
});

async function publishError(procedure: Record<string, unknown>): Promise<ApiError> {
  const login = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'MotCua@2026' } });
  const res = await sys.app.inject({
    method: 'POST',
    url: '/api/v1/admin/procedures',
    headers: { authorization: `Bearer ${login.json().token}` },
    payload: { procedure },
  });
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json();
  return new ApiError(res.statusCode, error.code, error.message, error.details);
}

const sourceOf = async (code: string) => {
  const login = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'MotCua@2026' } });
  const res = await sys.app.inject({ method: 'GET', url: `/api/v1/admin/procedures/${code}/source`, headers: { authorization: `Bearer ${login.json().token}` } });
  return res.json().procedure as Record<string, unknown> & { components: { name: string }[]; interagency_steps: Record<string, unknown>[] };
};

describe('server problems next to the editor fields', () => {
  it('puts a component, a step and a name problem on their field paths', async () => {
    const record = await sourceOf('1.004873');
    const component = serverProblems(await publishError({ ...record, components: [{ ...record.components[0], name: '' }], effective_from: '2030-01-01' }));
    expect(Object.keys(component.fields)).toEqual(['components.0.name']);
    expect(component.other).toEqual([]);
    const name = serverProblems(await publishError({ ...record, name_vi: '', effective_from: '2030-01-01' }));
    expect(Object.keys(name.fields)).toEqual(['name_vi']);

    const linked = await sourceOf('1.003412');
    expect(linked.interagency_steps.length).toBeGreaterThan(1);
    const steps = linked.interagency_steps.map((s, i) => (i === 1 ? { ...s, depends_on: [0] } : s));
    const step = serverProblems(await publishError({ ...linked, interagency_steps: steps, effective_from: '2030-01-01' }));
    expect(Object.keys(step.fields)).toEqual(['interagency_steps.1.depends_on']);
  });

  it('puts a refused date on effective_from and a problem the form has no field for in the alert', async () => {
    const record = await sourceOf('1.004873');
    const date = serverProblems(await publishError({ ...record, processing_days: 9, effective_from: '2020-01-01' }));
    expect(date.fields.effective_from).toMatch(/phải sau ngày hiệu lực của phiên bản 1/);
    const other = serverProblems(await publishError({ ...record, cutoff_time: '25:00', effective_from: '2030-01-01' }));
    expect(other.fields).toEqual({});
    expect(other.other[0]).toMatch(/cutoff_time/);
  });
});
