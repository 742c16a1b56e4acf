/** The announcement as the page's player and the API download get it: never cached by a shared cache. */
export function wavResponse(audio: Uint8Array): Response {
  return new Response(new Uint8Array(audio), {
    headers: { 'content-type': 'audio/wav', 'content-length': String(audio.byteLength), 'cache-control': 'private, no-store' },
  });
}
