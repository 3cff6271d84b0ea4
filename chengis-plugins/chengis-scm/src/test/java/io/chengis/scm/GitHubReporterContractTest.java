package io.chengis.scm;

/** The status reporter contract against the GitHub reporter and a loopback forge. */
class GitHubReporterContractTest extends ForgeReporterContract {
  @Override
  Forge forge() {
    return Forge.GITHUB;
  }
}
