import { createWorkplaceEmulator, DEFAULT_WORKPLACE_API_KEY } from './index.js';

// `npm run emulator:workplace`: the emulator alone, on loopback, with the demo seed.
// WORKPLACE_EMULATOR_PORT (default 4010), WORKPLACE_API_KEY, WORKPLACE_WEBHOOK_URL + WORKPLACE_WEBHOOK_SECRET.

const port = Number(process.env.WORKPLACE_EMULATOR_PORT ?? 4010);
const apiKey = process.env.WORKPLACE_API_KEY ?? DEFAULT_WORKPLACE_API_KEY;
const webhookUrl = process.env.WORKPLACE_WEBHOOK_URL;
const webhookSecret = process.env.WORKPLACE_WEBHOOK_SECRET;

const emulator = createWorkplaceEmulator({
  apiKey,
  ...(webhookUrl && webhookSecret ? { webhook: { url: webhookUrl, secret: webhookSecret } } : {}),
  logger: { level: process.env.LOG_LEVEL ?? 'warn' },
});
const address = await emulator.app.listen({ host: '127.0.0.1', port });

console.log(`Workplace emulator on ${address}
  contract   ${address}/api/v1/openapi.json
  try        curl -H 'Authorization: Bearer ${apiKey}' ${address}/api/v1/areas?type=meetingRoom
  kiosk      ${address}/kiosk
  control    curl ${address}/_emulator/state   (loopback only; see docs/emulators-workplace.md)
  webhook    ${webhookUrl && webhookSecret ? webhookUrl : 'off (set WORKPLACE_WEBHOOK_URL and WORKPLACE_WEBHOOK_SECRET)'}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void emulator.app.close().then(() => process.exit(0)));
}
