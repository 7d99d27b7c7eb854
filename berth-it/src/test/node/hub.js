'use strict';
// Runs one device with the official Azure IoT Node.js device SDK (MQTT), unchanged, against an IoT hub:
// open, one telemetry message with properties, twin get, reported patch, twin get again; then prints
// {"ready":true,...} and waits for one desired-property update and one direct method call (the caller drives
// both through the hub's service API), answers the method, and prints one result line:
//   {"ready":false,"telemetry":{...},"twin":{...},"reportedVersion":n,"reportedAfterUpdate":{...},
//    "desired":{...},"method":{"name","payload","answered"}}                          exit 0
//   {"status":"error","stage","message",...}                                          exit 1 (2: bad arguments)
// Usage: node hub.js --connection-string CS --ca F [--timeout SECONDS]
// CS is a device connection string; GatewayHostName=host:port points the SDK at a private hub. The SDK's
// own way to trust a private CA is client.setOptions({ca}).
// The method answered is "double": it returns {"result": payload * 2}; any other method gets 404.

const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { Client, Message } = require('azure-iot-device');
const { Mqtt } = require('azure-iot-device-mqtt');
const { finish, fail, usage, line, describeError } = require('./result');

const USAGE = 'usage: hub.js --connection-string CS --ca F [--timeout SECONDS]';
let stage = 'arguments';

function readArguments() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'connection-string': { type: 'string' },
        ca: { type: 'string' },
        timeout: { type: 'string', default: '60' }
      }
    }));
  } catch (e) {
    usage(e.message + '; ' + USAGE);
  }
  if (!values['connection-string']) usage('--connection-string is required; ' + USAGE);
  if (!values.ca) usage('--ca is required; ' + USAGE);
  let ca;
  try {
    ca = fs.readFileSync(values.ca, 'utf8');
  } catch (e) {
    usage('cannot read the CA file: ' + e.message);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) usage('--timeout must be a positive number of seconds, got ' + values.timeout);
  return { connectionString: values['connection-string'], ca, timeoutSeconds };
}

const hasOwnContent = (properties) => Object.keys(properties).some((k) => !k.startsWith('$'));
const plain = (properties) => JSON.parse(JSON.stringify(properties));

async function sendTelemetry(client, deviceId) {
  const message = new Message(JSON.stringify({ temperature: 21.5, sdk: 'node' }));
  message.messageId = 'node-' + deviceId + '-1';
  message.contentType = 'application/json';
  message.contentEncoding = 'utf-8';
  message.properties.add('harness', 'node');
  message.properties.add('sequence', '1');
  await client.sendEvent(message);
  return { messageId: message.messageId };
}

function awaitDesiredUpdate(twin) {
  // The SDK fires the listener at once with the desired properties it already has ({"$version":1} on a new
  // twin); only a patch with content counts as the update the caller sent.
  return new Promise((resolve) => {
    twin.on('properties.desired', (delta) => {
      if (hasOwnContent(delta)) resolve(plain(delta));
    });
  });
}

function awaitMethodCall(client) {
  return new Promise((resolve, reject) => {
    client.onDeviceMethod('double', (request, response) => {
      const answer = typeof request.payload === 'number' ? { result: request.payload * 2 } : { error: 'payload is not a number' };
      response.send(typeof request.payload === 'number' ? 200 : 400, answer, (err) => {
        if (err) reject(err);
        else resolve({ name: request.methodName, payload: request.payload, answered: answer });
      });
    });
  });
}

async function main() {
  const args = readArguments();
  const timer = setTimeout(() => fail({ status: 'error', stage, message: 'not done within ' + args.timeoutSeconds + ' s' }),
    args.timeoutSeconds * 1000);
  const client = Client.fromConnectionString(args.connectionString, Mqtt);
  client.on('error', (e) => fail({ status: 'error', stage, ...describeError(e) }));
  stage = 'open';
  await client.setOptions({ ca: args.ca });
  await client.open();
  const deviceId = /(?:^|;)DeviceId=([^;]+)/.exec(args.connectionString)[1];
  stage = 'telemetry';
  const telemetry = await sendTelemetry(client, deviceId);
  stage = 'twin get';
  const twin = await client.getTwin();
  const initialTwin = { desired: plain(twin.properties.desired), reported: plain(twin.properties.reported) };
  stage = 'reported patch';
  await new Promise((resolve, reject) => twin.properties.reported.update({ firmware: 'node-1.0', sdk: 'azure-iot-device' },
    (err) => (err ? reject(err) : resolve())));
  await twin.get();
  const reportedAfterUpdate = plain(twin.properties.reported);
  stage = 'subscribe';
  const method = awaitMethodCall(client);
  const desired = awaitDesiredUpdate(twin);
  // The method SUBSCRIBE went out first on the same connection, so once the desired SUBACK is back the hub has
  // both subscriptions and the caller may drive them.
  await new Promise((resolve, reject) => twin.enableTwinDesiredPropertiesUpdates((err) => (err ? reject(err) : resolve())));
  line({ ready: true, deviceId });
  stage = 'waiting for the desired update and the method call';
  const [desiredUpdate, methodCall] = await Promise.all([desired, method]);
  clearTimeout(timer);
  stage = 'close';
  await client.close();
  finish({ ready: false, deviceId, telemetry, twin: initialTwin, reportedAfterUpdate, desired: desiredUpdate, method: methodCall });
}

main().catch((e) => fail({ status: 'error', stage, ...describeError(e) }));
