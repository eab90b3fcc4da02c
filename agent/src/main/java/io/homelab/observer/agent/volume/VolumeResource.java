package io.homelab.observer.agent.volume;

import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/volumes}: list, create, remove. */
@Path("/api/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class VolumeResource {

  private final VolumeService volumes;

  public VolumeResource(VolumeService volumes) {
    this.volumes = volumes;
  }

  @GET
  public List<VolumeSummary> list() {
    return volumes.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(201)
  public VolumeSummary create(VolumeCreateRequest request) {
    return volumes.create(request);
  }

  @DELETE
  @Path("/{name}")
  public void remove(@RestPath String name) {
    volumes.remove(name);
  }
}
