package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/** One of Portcullis' own settings, such as the generated JWT secret shared by every node. */
@Entity
@Table(name = "setting")
public class Setting {

    /** The HMAC secret generated when the host configures none. */
    public static final String JWT_SECRET = "jwt.secret";

    /** The secret every one-time code is HMAC-ed with, generated once. */
    public static final String CODE_PEPPER = "code.pepper";

    /** The key the successor of a refresh token is derived with, generated once. */
    public static final String REFRESH_KEY = "refresh.key";

    @Id
    @Column(name = "name", length = 100, nullable = false)
    private String name;

    @Column(name = "setting_value", length = 1000, nullable = false)
    private String value;

    protected Setting() {
        // for JPA
    }

    public Setting(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }
}
