package io.chengis.scm;

/** The status reporter contract against the GitLab reporter and a loopback forge. */
class GitLabReporterContractTest extends ForgeReporterContract {
  @Override
  Forge forge() {
    return Forge.GITLAB;
  }
}
