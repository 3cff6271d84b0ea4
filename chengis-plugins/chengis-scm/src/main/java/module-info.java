/**
 * Chengis and the forges: commit statuses, required checks and auto-merge for GitHub, GitLab, Gitea
 * and Bitbucket Cloud, and webhook intake.
 *
 * @since 0.1.0
 */
module io.chengis.scm {
  requires transitive io.chengis.api;
  requires java.net.http;
  requires transitive jdk.httpserver;
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify;

  exports io.chengis.scm;

  provides io.chengis.api.spi.ScmStatusReporterProvider with
      io.chengis.scm.internal.GitHubReporterProvider,
      io.chengis.scm.internal.GitLabReporterProvider,
      io.chengis.scm.internal.GiteaReporterProvider,
      io.chengis.scm.internal.BitbucketReporterProvider;
}
