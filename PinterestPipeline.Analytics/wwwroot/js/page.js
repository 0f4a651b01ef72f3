import { BatchSection } from './batch/batch-section.js';
import { StreamsSection } from './streams/streams-section.js';

// One section per feature of the service; each renders and refreshes itself from the JSON API.
const sections = [new BatchSection(document.getElementById('batch')), new StreamsSection(document.getElementById('streams'))];
for (const section of sections) {
  section.start();
}
