'use strict';
// Runs one device with the official Azure IoT Node.js device SDK (MQTT or MQTT over WebSocket), unchanged, against an IoT hub:
// open, one telemetry message with properties, twin get, reported patch, twin get again; then prints
// {"ready":true,...} and waits for one desired-property update, one direct method call and one cloud-to-device
// message (the caller sends all three through the hub's service API), answers the method, completes the message,
// and prints one result line:
//   {"ready":false,"telemetry":{...},"twin":{...},"reportedVersion":n,"reportedAfterUpdate":{...},
//    "desired":{...},"method":{"name","payload","answered"},"cloudMessage":{"data","messageId","properties"}}   exit 0
//   {"status":"error","stage","message",...}                                          exit 1 (2: bad arguments)
// Usage: node hub.js --connection-string CS --ca F [--transport mqtt|mqtt-ws] [--cert F --key-file F] [--timeout SECONDS]
// With X.509 (CS ends in ";x509=true") --cert and --key-file give the device certificate (PEM, may hold its
// intermediates) and key, passed as the SDK's samples do: client.setOptions({cert, key}). Such a connection string
// has no GatewayHostName (the SDK ignores it for X.509), so the device dials HostName itself.
// CS is a device connection string; GatewayHostName=host:port points the SDK at a private hub. Over MQTT over
// WebSocket the SDK dials wss://<GatewayHostName or HostName>:443/$iothub/websocket, so there it is a bare host. The SDK's
// own way to trust a private CA is client.setOptions({ca}).
// The method answered is "double": it returns {"result": payload * 2}; any other method gets 404.

const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { Client, Message } = require('azure-iot-device');
const { Mqtt, MqttWs } = require('azure-iot-device-mqtt');
const { finish, fail, usage, line, describeError } = require('./result');

const USAGE = 'usage: hub.js --connection-string CS --ca F [--transport mqtt|mqtt-ws] [--cert F --key-file F] [--timeout SECONDS]';
const TRANSPORTS = { mqtt: Mqtt, 'mqtt-ws': MqttWs };
let stage = 'arguments';

function readArguments() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'connection-string': { type: 'string' },
        ca: { type: 'string' },
        transport: { type: 'string', default: 'mqtt' },
        cert: { type: 'string' },
        'key-file': { type: 'string' },
        timeout: { type: 'string', default: '60' }
      }
    }));
  } catch (e) {
    usage(e.message + '; ' + USAGE);
  }
  if (!values['connection-string']) usage('--connection-string is required; ' + USAGE);
  if (!values.ca) usage('--ca is required; ' + USAGE);
  if (!Object.keys(TRANSPORTS).includes(values.transport)) {
    usage('--transport must be one of ' + Object.keys(TRANSPORTS).join(', ') + ', got ' + values.transport);
  }
  if (Boolean(values.cert) !== Boolean(values['key-file'])) usage('--cert and --key-file go together; ' + USAGE);
  const tls = {};
  try {
    tls.ca = fs.readFileSync(values.ca, 'utf8');
    if (values.cert) {
      tls.cert = fs.readFileSync(values.cert, 'utf8');
      tls.key = fs.readFileSync(values['key-file'], 'utf8');
    }
  } catch (e) {
    usage('cannot read the CA, certificate or key file: ' + e.message);
  }
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) usage('--timeout must be a positive number of seconds, got ' + values.timeout);
  return { connectionString: values['connection-string'], tls, transport: TRANSPORTS[values.transport], timeoutSeconds };
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

function awaitCloudMessage(client) {
  return new Promise((resolve, reject) => {
    client.on('message', (message) => {
      const properties = {};
      for (let i = 0; i < message.properties.count(); i++) {
        const { key, value } = message.properties.getItem(i);
        properties[key] = value;
      }
      client.complete(message, (err) => {
        if (err) reject(err);
        else resolve({ data: message.data.toString('utf8'), messageId: message.messageId, properties });
      });
    });
  });
}

async function main() {
  const args = readArguments();
  const timer = setTimeout(() => fail({ status: 'error', stage, message: 'not done within ' + args.timeoutSeconds + ' s' }),
    args.timeoutSeconds * 1000);
  const client = Client.fromConnectionString(args.connectionString, args.transport);
  client.on('error', (e) => fail({ status: 'error', stage, ...describeError(e) }));
  stage = 'open';
  await client.setOptions(args.tls);
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
  const cloudMessage = awaitCloudMessage(client);
  const method = awaitMethodCall(client);
  const desired = awaitDesiredUpdate(twin);
  // The cloud-to-device and method SUBSCRIBEs went out first on the same connection, so once the desired SUBACK is
  // back the hub has all three subscriptions and the caller may drive them.
  await new Promise((resolve, reject) => twin.enableTwinDesiredPropertiesUpdates((err) => (err ? reject(err) : resolve())));
  line({ ready: true, deviceId });
  stage = 'waiting for the desired update, the method call and the cloud-to-device message';
  const [desiredUpdate, methodCall, cloudMessageReceived] = await Promise.all([desired, method, cloudMessage]);
  clearTimeout(timer);
  stage = 'close';
  await client.close();
  finish({ ready: false, deviceId, telemetry, twin: initialTwin, reportedAfterUpdate, desired: desiredUpdate, method: methodCall,
    cloudMessage: cloudMessageReceived });
}

main().catch((e) => fail({ status: 'error', stage, ...describeError(e) }));
