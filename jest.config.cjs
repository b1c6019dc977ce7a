// One Jest run over every project, so `npm test` reports one set of totals for the whole workspace.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  projects: await getJestProjectsAsync(),
  // A global option: the projects' presets cannot set it for a multi-project run.
  testTimeout: 30000,
});
