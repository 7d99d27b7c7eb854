'use strict';
// How the interop scripts talk to the JUnit tests: one JSON object per stdout line, exit 0 on success,
// 1 when the SDK or the server failed, 2 when the script was called wrongly. Diagnostics go to stderr.

let ended = false;

function emit(object, exitCode) {
  // The first outcome wins: a timeout or a late SDK error after the result must not print a second line.
  if (ended) return;
  ended = true;
  // Writing to a pipe is synchronous on Linux, but the callback also covers platforms where it is not.
  process.stdout.write(JSON.stringify(object) + '\n', () => process.exit(exitCode));
}

function line(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

function finish(object) {
  emit(object, 0);
}

function fail(object) {
  emit(object, 1);
}

function usage(message) {
  emit({ status: 'error', message: message }, 2);
  // Stop the caller's flow; process.exit runs from the write callback.
  throw new UsageError(message);
}

class UsageError extends Error {
}

function parseBody(body) {
  if (body === undefined || body === null || typeof body === 'object') return body;
  try {
    return JSON.parse(String(body));
  } catch (e) {
    return undefined;
  }
}

/**
 * The SDK's error with the server's DPS error body when it carries one: the MQTT transport keeps the parsed
 * body in `result`, the HTTPS transport the raw text in `responseBody` (and the status in `response`).
 */
function describeError(err) {
  const body = parseBody(err && (err.result !== undefined ? err.result : err.responseBody));
  const described = {
    errorName: (err && (err.name || (err.constructor && err.constructor.name))) || 'Error',
    sdkMessage: err && err.message !== undefined ? String(err.message) : String(err),
    message: body && body.message ? body.message : (err && err.message !== undefined ? String(err.message) : String(err))
  };
  if (body && body.errorCode !== undefined) described.errorCode = body.errorCode;
  if (body && body.trackingId !== undefined) described.trackingId = body.trackingId;
  if (err && err.response && err.response.statusCode) described.httpStatus = err.response.statusCode;
  return described;
}

module.exports = { finish, fail, usage, line, describeError, UsageError };
