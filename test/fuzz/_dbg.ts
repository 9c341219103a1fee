import { startSignallingEndpoint } from '../../electron/main/services/signalling/signallingEndpoint';
import { startRelayPair } from './relayPair';
const endpoint = await startSignallingEndpoint({ host: '127.0.0.1', port: 0 });
console.log('endpoint', endpoint.addresses);
const pair = await startRelayPair(endpoint.addresses[0]!, 'secret-topic');
console.log('pair started');
await new Promise((r) => setTimeout(r, 500));
console.log(await pair.stop());
await endpoint.close();
