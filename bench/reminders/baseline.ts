/**
 * The baseline of bench/reminders: how many requests a second the Resend stand-in answers when
 * nothing else happens, from a process of its own as the workers are. Sends a one-email
 * POST /emails over CONNECTIONS keep-alive loops for SECONDS, then reports the rate.
 */
const url = `${process.env.STAND_IN_URL}/emails`;
const connections = Number(process.env.CONNECTIONS ?? 8);
const seconds = Number(process.env.SECONDS ?? 3);
const body = JSON.stringify({ from: 'bench@localhost', to: ['baseline@example.test'], subject: 'baseline', text: 'baseline', html: '<p>baseline</p>' });
const headers = { authorization: 'Bearer re_bench', 'content-type': 'application/json' };

async function measure(): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let answered = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const response = await fetch(url, { method: 'POST', headers, body });
        await response.arrayBuffer();
        answered += 1;
      }
    }),
  );
  return answered / seconds;
}

measure().then((requestsPerSecond) => process.send!({ requestsPerSecond }));
