package io.chengis.scm;

/** The status reporter contract against the Bitbucket reporter and a loopback forge. */
class BitbucketReporterContractTest extends ForgeReporterContract {
  @Override
  Forge forge() {
    return Forge.BITBUCKET;
  }
}
