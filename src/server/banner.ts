import type { RunningServer } from './server'

function sourceLine(writeKey: string | undefined): string {
  return writeKey
    ? `on: each reward comes back as a Reward Item Rewarded call under write key ${writeKey} (--no-livelike-source turns it off)`
    : 'off (on by default: it sends each reward back here under write key livelike-source)'
}

/** What a newcomer needs after `npm start`: where things are, how to send an event, where to see its effect. */
export function banner(running: RunningServer, writeKey = 'any-write-key'): string {
  const { url, sandbox, settings, subscriptions, subscriptionsFile, liveLikeSource } = running
  const curl = `curl -u ${writeKey}: ${url}/v1/track -H 'Content-Type: application/json' -d '{"userId": "user-42", "event": "Video Watched", "properties": {"video_id": "intro"}}'`
  const lines = [
    '',
    'LiveLike Cloud Mode (Actions) is running.',
    '',
    `  Console           ${url}/  (open it in a browser: every event, its requests and LiveLike's answers, live)`,
    `  Dev server        ${url}`,
    `                    Tracking API ${url}/v1/batch, /v1/track, ... | Actions Tester ${url}/manifest | ${url}/events`,
    sandbox
      ? `  LiveLike sandbox  ${sandbox.url} (API ${sandbox.apiBaseUrl})`
      : '  LiveLike          the real API (--live)',
    sandbox ? `  Demo credentials  Client ID ${settings.clientId}, Producer Token ${settings.producerToken}` : '',
    `  Subscriptions     ${(subscriptions ?? []).map((subscription) => subscription.name).join(', ') || 'the presets (Track, Page and Screen Calls on sendEvent)'}`,
    `  Mappings file     ${subscriptionsFile} (the console's Mappings view saves here; --subscriptions <file> loads it)`,
    sandbox ? `  LiveLike source   ${sourceLine(liveLikeSource)}` : '',
    '',
    'Send a track call:',
    `  ${curl}`,
    '',
    'See what happened:',
    `  ${url}/_deliveries          what background delivery did`,
    ...(sandbox
      ? [
          `  ${sandbox.url}/_sandbox/events   what LiveLike received`,
          `  ${sandbox.url}/_sandbox/rewards  rewards granted (balances and grants)`,
          ...(liveLikeSource
            ? [`  ${sandbox.url}/_sandbox/source   what LiveLike's source sent back to this server`]
            : []),
          `  ${sandbox.url}/_sandbox/user-groups`
        ]
      : []),
    '',
    'Ctrl-C stops after delivering everything accepted.',
    ''
  ]
  return lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n')
}
