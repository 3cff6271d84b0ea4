/**
 * The git {@link io.chengis.api.spi.ScmProvider} on JGit.
 *
 * @since 0.1.0
 */
@SuppressWarnings("requires-automatic") // JGit ships an Automatic-Module-Name, not a module-info.
module io.chengis.git {
  requires transitive io.chengis.api;
  requires org.eclipse.jgit;
  requires org.eclipse.jgit.ssh.apache;
  requires org.apache.sshd.osgi;
  requires static org.jspecify;

  exports io.chengis.git;

  provides io.chengis.api.spi.ScmProviderProvider with
      io.chengis.git.GitScmProviderProvider;
}
