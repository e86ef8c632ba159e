/** redactSecrets removes every kind of credential a stack or message may quote, and keeps the rest. */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redactSecrets';

const SECRETS = [
  's3cr3t-pass',
  'tok_8f2a9c7d1e',
  'dXNlcjpzM2NyM3QtcGFzcw==',
  'eyJhbGciOiJIUzI1NiJ9.x.y',
];

const CASES: string[] = [
  'fetch https://alice:s3cr3t-pass@mlflow.example.com/api/2.0/mlflow/runs/search failed',
  'GET http://tok_8f2a9c7d1e@10.0.0.5:5000/ajax-api ECONNRESET',
  'headers: { authorization: "Basic dXNlcjpzM2NyM3QtcGFzcw==", accept: "application/json" }',
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y',
  "{ 'Proxy-Authorization': 'Basic dXNlcjpzM2NyM3QtcGFzcw==' }",
  'sent Bearer eyJhbGciOiJIUzI1NiJ9.x.y to the server',
  'MLFLOW_TRACKING_TOKEN=tok_8f2a9c7d1e MLFLOW_TRACKING_PASSWORD=s3cr3t-pass',
  'GET /api/2.0/mlflow/experiments/search?access_token=tok_8f2a9c7d1e&max_results=10',
  '{"username":"alice","password":"s3cr3t-pass","token": "tok_8f2a9c7d1e"}',
  'profile { password: s3cr3t-pass, apiKey: tok_8f2a9c7d1e }',
  'Cookie: runlens_token=tok_8f2a9c7d1e; theme=dark',
];

describe('redactSecrets', () => {
  it.each(CASES)('hides the credentials in %s', (text) => {
    const out = redactSecrets(text);
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('keeps what is no secret: the host, the path, other fields, a stack', () => {
    const out = redactSecrets(
      'fetch https://alice:s3cr3t-pass@mlflow.example.com/api/2.0/mlflow/runs/search failed',
    );
    expect(out).toBe(
      'fetch https://[redacted]@mlflow.example.com/api/2.0/mlflow/runs/search failed',
    );
    const stack =
      "TypeError: Cannot read properties of undefined (reading 'x')\n    at f (/app/a.js:1:2)";
    expect(redactSecrets(stack)).toBe(stack);
    expect(redactSecrets('max_results=10 user=alice')).toBe('max_results=10 user=alice');
  });
});
