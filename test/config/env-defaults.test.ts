import { loadEnv } from '../../src/config/env';

describe('environment defaults', () => {
  it('lets PUBLIC_BASE_URL follow PORT unless it is set', () => {
    expect(loadEnv({}).PUBLIC_BASE_URL).toBe('http://localhost:3978');
    expect(loadEnv({ PORT: '4000' }).PUBLIC_BASE_URL).toBe('http://localhost:4000');
    expect(loadEnv({ PORT: '4000', PUBLIC_BASE_URL: '' }).PUBLIC_BASE_URL).toBe('http://localhost:4000');
    expect(loadEnv({ PORT: '4000', PUBLIC_BASE_URL: 'https://termine.seelze.example' }).PUBLIC_BASE_URL).toBe(
      'https://termine.seelze.example',
    );
  });

  it('reads PLAYGROUND_PORT (npm start), 56150 by default', () => {
    expect(loadEnv({}).PLAYGROUND_PORT).toBe(56150);
    expect(loadEnv({ PLAYGROUND_PORT: '40000' }).PLAYGROUND_PORT).toBe(40000);
  });
});
