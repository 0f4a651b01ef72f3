import { BatchSection } from './batch/batch-section.js';

// One section per feature of the service; each renders and refreshes itself from the JSON API.
const sections = [new BatchSection(document.getElementById('batch'))];
for (const section of sections) {
  section.start();
}
