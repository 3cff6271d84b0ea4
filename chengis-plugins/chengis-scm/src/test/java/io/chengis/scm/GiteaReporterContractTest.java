package io.chengis.scm;

/** The status reporter contract against the Gitea reporter and a loopback forge. */
class GiteaReporterContractTest extends ForgeReporterContract {
  @Override
  Forge forge() {
    return Forge.GITEA;
  }
}
