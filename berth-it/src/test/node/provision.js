'use strict';
// Registers one device with the official Azure IoT Node.js provisioning SDK, unchanged, and prints ONE JSON line:
//   {"status","registrationId","assignedHub","deviceId","substatus","enrollmentGroupId"?,"payload"?}   exit 0
//   {"status":"error","errorCode"?,"message","sdkMessage","errorName","trackingId"?,"httpStatus"?}   exit 1
//   {"status":"error","message"}                                                                    exit 2 (bad arguments)
// "message" is the server's DPS error message when the SDK's error carries the server's error body.
// Everything comes from argv; a private CA is trusted through NODE_EXTRA_CA_CERTS, the only way this SDK offers.
// Usage: node provision.js --transport mqtt|mqtt-ws|http --host H[:port] --scope S --registration-id R
//        (--key K | --cert F --key-file F) [--payload JSON] [--timeout SECONDS]
// --cert may hold the device certificate followed by its intermediates (PEM): Node's TLS sends them all.

const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');
const { X509Security } = require('azure-iot-security-x509');
const { finish, fail, usage, describeError } = require('./result');

const USAGE = 'usage: provision.js --transport mqtt|mqtt-ws|http --host H[:port] --scope S --registration-id R'
  + ' (--key K | --cert F --key-file F) [--payload JSON] [--timeout SECONDS]';

function readArguments() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        transport: { type: 'string' },
        host: { type: 'string' },
        scope: { type: 'string' },
        'registration-id': { type: 'string' },
        key: { type: 'string' },
        cert: { type: 'string' },
        'key-file': { type: 'string' },
        payload: { type: 'string' },
        timeout: { type: 'string', default: '60' }
      }
    }));
  } catch (e) {
    usage(e.message + '; ' + USAGE);
  }
  for (const required of ['transport', 'host', 'scope', 'registration-id']) {
    if (!values[required]) usage('--' + required + ' is required; ' + USAGE);
  }
  if (!Object.keys(TRANSPORTS).includes(values.transport)) {
    usage('--transport must be one of ' + Object.keys(TRANSPORTS).join(', ') + ', got ' + values.transport);
  }
  const x509 = Boolean(values.cert || values['key-file']);
  if (x509 === Boolean(values.key)) usage('give either --key or --cert with --key-file; ' + USAGE);
  if (x509 && !(values.cert && values['key-file'])) usage('--cert and --key-file go together; ' + USAGE);
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) usage('--timeout must be a positive number of seconds, got ' + values.timeout);
  let payload;
  if (values.payload !== undefined) {
    try {
      payload = JSON.parse(values.payload);
    } catch (e) {
      usage('--payload is not JSON: ' + e.message);
    }
  }
  return { ...values, x509, timeoutSeconds, payload };
}

function securityClient(args) {
  const registrationId = args['registration-id'];
  if (!args.x509) return new SymmetricKeySecurityClient(registrationId, args.key);
  try {
    return new X509Security(registrationId, { cert: fs.readFileSync(args.cert, 'utf8'), key: fs.readFileSync(args['key-file'], 'utf8') });
  } catch (e) {
    return usage('cannot read the certificate or key: ' + e.message);
  }
}

// The MQTT transport accepts "host:port"; the HTTPS one dials 443 whatever the host says, and so does MQTT over
// WebSocket (wss://host:443/$iothub/websocket, subprotocol mqtt), so give those two the bare host.
const TRANSPORTS = {
  mqtt: () => new (require('azure-iot-provisioning-device-mqtt').Mqtt)(),
  'mqtt-ws': () => new (require('azure-iot-provisioning-device-mqtt').MqttWs)(),
  http: () => new (require('azure-iot-provisioning-device-http').Http)()
};

function main() {
  const args = readArguments();
  const client = ProvisioningDeviceClient.create(args.host, args.scope, TRANSPORTS[args.transport](), securityClient(args));
  if (args.payload !== undefined) client.setProvisioningPayload(args.payload);
  const timer = setTimeout(() => fail({ status: 'error', message: 'no registration result within ' + args.timeoutSeconds + ' s' }),
    args.timeoutSeconds * 1000);
  client.register((err, result) => {
    clearTimeout(timer);
    if (err) {
      fail({ status: 'error', ...describeError(err) });
      return;
    }
    finish({
      status: result.status,
      registrationId: result.registrationId,
      assignedHub: result.assignedHub,
      deviceId: result.deviceId,
      substatus: result.substatus,
      // Which group let the device in, as DPS reports it under the attestation type (absent for individual enrollments).
      enrollmentGroupId: (result.x509 && result.x509.enrollmentGroupId) || (result.symmetricKey && result.symmetricKey.enrollmentGroupId),
      payload: result.payload
    });
  });
}

process.on('uncaughtException', (e) => fail({ status: 'error', ...describeError(e) }));
main();
